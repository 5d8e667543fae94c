from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.images import validate_image_upload

from .models import MediaItem
from .selectors import album_collaboration_choices, album_edition_choices
from .services import CONSENT_MISSING

CONSENT_LABEL = _(
    "The people shown, and for pupils their parents or guardians, have agreed to publication"
)


class AlbumForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    edition = forms.ModelChoiceField(label=_("Conference edition"), queryset=None, required=False)
    collaboration = forms.ModelChoiceField(label=_("Collaboration"), queryset=None, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # staff: every edition and collaboration; teachers: their own collaborations only
        editions = album_edition_choices(user=user)
        self.fields["collaboration"].queryset = album_collaboration_choices(user=user)
        if editions is not None:
            self.fields["edition"].queryset = editions
        else:
            del self.fields["edition"]
            self.fields["collaboration"].required = True

    def clean(self):
        data = super().clean()
        if bool(data.get("edition")) == bool(data.get("collaboration")):
            raise ValidationError(_("Choose either an edition or a collaboration, not both."))
        return data


class ItemForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What are you adding?"),
        choices=MediaItem.Kind.choices,
        initial=MediaItem.Kind.PHOTO,
        widget=forms.RadioSelect,
    )
    image = forms.ImageField(
        label=_("Photo"),
        required=False,
        help_text=_("JPEG, PNG or WebP, up to 5 MB. Location and camera data are removed."),
    )
    video_url = forms.URLField(
        label=_("Video link"),
        required=False,
        assume_scheme="https",
        help_text=_("The video's page, e.g. https://www.youtube.com/watch?v=… or Vimeo."),
    )
    video_thumbnail = forms.ImageField(
        label=_("Video thumbnail (optional)"),
        required=False,
        help_text=_("A still from the video. Without one a neutral tile is shown."),
    )
    caption = forms.CharField(label=_("Caption"), max_length=300)
    credit = forms.CharField(
        label=_("Credit"), max_length=200, help_text=_("Who took the photo or made the video.")
    )
    licence = forms.ChoiceField(label=_("Licence"), choices=MediaItem.Licence.choices)
    consent = forms.BooleanField(
        label=CONSENT_LABEL, error_messages={"required": _(CONSENT_MISSING)}
    )

    def clean_image(self):
        upload = self.cleaned_data.get("image")
        if upload:
            validate_image_upload(upload)
        return upload

    def clean_video_thumbnail(self):
        upload = self.cleaned_data.get("video_thumbnail")
        if upload:
            validate_image_upload(upload)
        return upload

    def clean_video_url(self):
        url = self.cleaned_data.get("video_url", "")
        if url and not url.lower().startswith("https://"):
            raise ValidationError(_("Give the video's address starting with https://."))
        return url

    def clean(self):
        data = super().clean()
        if (
            data.get("kind") == MediaItem.Kind.PHOTO
            and not data.get("image")
            and ("image" not in self.errors)
        ):
            self.add_error("image", _("Choose the photo to upload."))
        if (
            data.get("kind") == MediaItem.Kind.VIDEO
            and not data.get("video_url")
            and ("video_url" not in self.errors)
        ):
            self.add_error("video_url", _("Give the link to the video."))
        return data


class HideForm(forms.Form):
    reason = forms.CharField(
        label=_("Why hide it?"), max_length=300, help_text=_("e.g. “A parent asked us to.”")
    )
