"""Users, sign-in, passwords and keys, electronic signatures, site administration."""
