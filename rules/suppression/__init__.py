"""Rules about wenlint's own suppression comments (X family)."""
