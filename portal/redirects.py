from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request, default: str) -> str:
    """Where to go after a form: the page it came from, if that page is one of ours."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default
