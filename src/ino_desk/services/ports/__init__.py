"""The ports: what the services need from storage and renderers, as `Protocol`s."""
