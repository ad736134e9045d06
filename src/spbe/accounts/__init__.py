"""Signing in: lockout, password policy and reset, second factor, idle sessions, security events."""
