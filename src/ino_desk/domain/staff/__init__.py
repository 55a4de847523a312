"""Users, roles and accounts; passwords and their hashes; signatures, signing keys and the sign-in
policy."""
