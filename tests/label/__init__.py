"""Tests of the label pack loader."""
