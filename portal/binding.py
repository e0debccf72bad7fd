"""What a page's form is bound to. A POST binds it even when empty, so that every required
field says so with a 400, rather than the form being shown again as if nothing was sent."""


def posted(request):
    """The POST data on a POST, nothing on a GET."""
    return request.POST if request.method == "POST" else None


def posted_files(request):
    """The uploaded files on a POST, nothing on a GET."""
    return request.FILES if request.method == "POST" else None
