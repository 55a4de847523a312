"""The label viewer: sections, search, highlight, export, the adverse-reaction chart."""
