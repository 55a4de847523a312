"""Courses, cycles and doses: planning, the course history the authority reads, dose actions, the
Today work queue."""
