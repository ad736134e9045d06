"""Account pages: password change and reset, the second factor, the account's security overview."""
