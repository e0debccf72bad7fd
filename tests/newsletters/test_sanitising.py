"""An issue becomes HTML with text and links only: nothing typed into a title or by the editor
runs in a reader's mail program, the officers' preview or the PDF."""

import pytest

from newsletters.exports import as_html

HOSTILE = """# News

A meeting titled <script>alert("x")</script> and <img src=x onerror="alert(1)">.

[a link that runs](javascript:alert(1)) and [a data link](data:text/html;base64,PGI+)

[the project site](https://example.org/cocade) and [write to us](mailto:info@example.org)
"""


@pytest.fixture
def html() -> str:
    return as_html(HOSTILE)


def test_scripts_images_and_event_handlers_are_dropped(html):
    assert "<script" not in html and "<img" not in html and "onerror" not in html


def test_links_other_than_web_pages_lose_their_target(html):
    assert "javascript:" not in html and "data:" not in html and "mailto:" not in html
    assert "a link that runs" in html  # the words stay


def test_ordinary_links_and_structure_stay(html):
    assert 'href="https://example.org/cocade"' in html
    assert 'rel="noopener noreferrer"' in html
    assert "<h1 style=" in html and "<p style=" in html
