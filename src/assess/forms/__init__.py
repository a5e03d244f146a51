"""Field forms: the XLSForm, reading its submissions back, and the profile scaffold."""
