"""Form helpers shared by the apps: lists edited as one entry per line of a text area."""


def lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def joined(values) -> str:
    return "\n".join(str(value) for value in values or [])
