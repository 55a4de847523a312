"""Courses, cycles and their doses: the plan, schedule and regimen, cycle limits, dose
modifications, pre-dose checks and the checklist."""
