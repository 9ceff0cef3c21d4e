from dataclasses import dataclass


class ImportFailure(Exception):
    """Bad input: names the file, the JSON path inside it and the reason."""

    def __init__(self, file, json_path: str, reason: str):
        self.file = str(file)
        self.json_path = json_path
        self.reason = reason
        super().__init__(f"{self.file}: {json_path}: {reason}")


@dataclass(frozen=True)
class ReadWarning:
    """A valid value outside the registry's reference lists: imported anyway, kept as given, and reported."""

    file: str
    json_path: str
    what: str

    def __str__(self) -> str:
        return f"{self.file}: {self.json_path}: {self.what}"


class StrictImportFailure(ImportFailure):
    """``dpg import --strict``: every warning of the run, each a reason to refuse the files."""

    def __init__(self, warnings: list[ReadWarning]):
        self.warnings = warnings
        first = warnings[0]
        super().__init__(first.file, first.json_path, first.what)
        self.args = ("\n".join(str(warning) for warning in warnings),)

    def __str__(self) -> str:
        return self.args[0]
