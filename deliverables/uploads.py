"""What a deliverable's file may be: any document or image common.uploads accepts."""

from common.uploads import ALLOWED_EXTENSIONS, check_upload, clean_filename

__all__ = ["ALLOWED_EXTENSIONS", "check_upload", "clean_filename"]
