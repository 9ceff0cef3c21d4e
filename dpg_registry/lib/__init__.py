"""What every app may use: the environment, logs, problem responses, rate limits, the outage and URL
middleware, health, language prefixes and CLDR names, and shared validation. It imports no app."""
