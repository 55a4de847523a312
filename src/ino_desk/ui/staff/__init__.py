"""Users, sign-in and electronic signatures."""
