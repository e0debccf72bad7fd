"""Small pieces shared by every app: the timestamped base model and database row rules."""
