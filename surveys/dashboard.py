"""The "Surveys for you" panel of My ClassNet (registered in SurveysConfig.ready): the surveys
the person can answer now, with their deadline and whether a draft waits. One query; nothing
shown to people with no open invitation."""

from .selectors.answering import invitations_to_answer


def surveys_panel(request) -> dict | None:
    if not request.user.is_authenticated:
        return None
    invitations = list(invitations_to_answer(request.user)[:5])
    if not invitations:
        return None
    return {"invitations": invitations}
