class ImportFailure(Exception):
    """Bad input: names the file, the JSON path inside it and the reason."""

    def __init__(self, file, json_path: str, reason: str):
        self.file = str(file)
        self.json_path = json_path
        self.reason = reason
        super().__init__(f"{self.file}: {json_path}: {reason}")
