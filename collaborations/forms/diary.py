"""The diary form: a member's update with up to six photos. It checks each photo is an image
we can read (the service re-encodes it) and asks for the students' consent; it never saves."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.images import validate_image_upload

from ..models import MAX_PHOTOS_PER_POST, DiaryPost
from .base import ServiceErrorMixin


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleImageField(forms.FileField):
    """Several files in one input (Django docs, "Uploading multiple files"); each is checked."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/*"}))
        kwargs.setdefault("validators", [validate_image_upload])
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None) -> list:
        single_file_clean = super().clean
        if isinstance(data, (list, tuple)):
            return [single_file_clean(item, initial) for item in data if item]
        cleaned = single_file_clean(data, initial)
        return [cleaned] if cleaned else []


class DiaryPostForm(ServiceErrorMixin, forms.Form):
    text = forms.CharField(
        label=_("Your update"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What your class did, found or made. Never students' full names."),
    )
    photos = MultipleImageField(
        label=_("Photos"),
        required=False,
        help_text=_(
            "Up to 6 JPEG, PNG or WebP pictures, 5 MB each. Location and camera data are removed."
        ),
    )
    consent = forms.BooleanField(
        label=_(
            "Every student who can be recognised in these photos has consent to appear in them."
        ),
        required=False,
    )
    visibility = forms.ChoiceField(
        label=_("Who can see it"),
        choices=[
            (DiaryPost.Visibility.MEMBERS, _("Members only: the teachers of the member schools")),
            (DiaryPost.Visibility.PUBLIC, _("Public: everyone who visits this collaboration")),
        ],
        initial=DiaryPost.Visibility.MEMBERS,
        widget=forms.RadioSelect,
    )

    def clean(self):
        cleaned = super().clean()
        photos = cleaned.get("photos") or []
        if len(photos) > MAX_PHOTOS_PER_POST:
            self.add_error(
                "photos",
                ValidationError(
                    _("Choose %(max)s photos at most."), params={"max": MAX_PHOTOS_PER_POST}
                ),
            )
        if photos and not cleaned.get("consent"):
            self.add_error(
                "consent",
                _("Confirm that every student in the photos has consent to appear in them."),
            )
        return cleaned
