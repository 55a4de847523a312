"""Planning a cycle: the plan form, its dose lines, the course's clinical facts, the prescriber."""
