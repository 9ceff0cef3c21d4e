"""Headers every API read carries: open CORS for GET, and a short public cache."""

API_PREFIXES = ("/api/",)
CACHE_CONTROL = "public, max-age=60"


class ApiReadHeaders:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(API_PREFIXES) and request.method in ("GET", "HEAD"):
            response["Access-Control-Allow-Origin"] = "*"
            if response.status_code == 200 and not response.has_header("Cache-Control"):
                response["Cache-Control"] = CACHE_CONTROL
        return response
