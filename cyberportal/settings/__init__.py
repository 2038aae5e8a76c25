"""Settings: `base` reads the environment, `local` is the default, `test` and `production` refine it."""
