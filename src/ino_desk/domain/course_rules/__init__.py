"""The one clinical authority over a course: every action's findings from the whole history."""
