"""Adapters to other systems: the laboratory's HL7 feed in (MLLP over TCP, a drop folder)."""
