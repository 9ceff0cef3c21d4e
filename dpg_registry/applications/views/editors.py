"""Who edits an application: inviting by e-mail address, answering or withdrawing invitations, removing an
editor."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from dpg_registry.applications.errors import AnswerErrors, ApplicationError
from dpg_registry.applications.forms import AddEditorForm
from dpg_registry.applications.invitations import open_invitations_for, withdrawn_invitation_for
from dpg_registry.applications.models import Application, Invitation
from dpg_registry.applications.services import applicant
from dpg_registry.lib.ratelimits import limited


@login_required
@limited("invite")
@require_POST
def invite(request, public_id):
    application = get_object_or_404(Application, public_id=public_id)
    if not application.editors.filter(pk=request.user.pk).exists():
        raise PermissionDenied("you are not an editor of this application")
    form = AddEditorForm(request.POST)
    if not form.is_valid():
        messages.error(request, gettext("E-mail address: give the address to send the invitation to."))
        return redirect("applications:detail", public_id)
    try:
        applicant.invite_editor(application=application, by=request.user, email=form.cleaned_data["email"])
    except AnswerErrors as errors:
        messages.error(request, "; ".join(str(error) for error in errors.errors))
    except ApplicationError as error:
        messages.error(request, str(error))
    else:
        # The same words whoever the address belongs to: they tell nothing about the registry's accounts.
        messages.success(request, gettext("An invitation is sent to %(email)s. The person becomes an editor when "
                                          "they accept it.") % {"email": form.cleaned_data["email"]})
    return redirect("applications:detail", public_id)


@login_required
def invitations(request):
    """The signed-in person's invitations, to accept or decline (POST names one and the answer)."""
    if request.method == "POST":
        invitation = get_object_or_404(Invitation, pk=request.POST.get("invitation", "0").strip() or 0)
        accept = request.POST.get("answer") == "accept"
        try:
            applicant.answer_invitation(invitation=invitation, by=request.user, accept=accept)
        except ApplicationError as error:
            messages.error(request, str(error))
        else:
            if accept:
                messages.success(request, gettext("You now edit application %(id)s.")
                                 % {"id": invitation.application.public_id})
                return redirect("applications:detail", invitation.application.public_id)
            messages.success(request, gettext("The invitation is declined."))
        return redirect("applications:invitations")
    return render(request, "applications/invitations.html", {
        "invitations": open_invitations_for(request.user),
        "withdrawn": withdrawn_invitation_for(request.user, request.GET.get("invitation", "")),
    })


@login_required
@require_POST
def withdraw(request, public_id, invitation_id):
    invitation = get_object_or_404(Invitation, pk=invitation_id, application__public_id=public_id)
    try:
        applicant.withdraw_invitation(invitation=invitation, by=request.user)
    except ApplicationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, gettext("The invitation to %(email)s is withdrawn.") % {"email": invitation.email})
    if not invitation.application.editors.filter(pk=request.user.pk).exists():
        return redirect("applications:mine")
    return redirect("applications:detail", public_id)


@login_required
@require_POST
def remove(request, public_id, user_id):
    application = get_object_or_404(Application, public_id=public_id)
    editor = get_object_or_404(get_user_model(), pk=user_id)
    try:
        applicant.remove_editor(application=application, by=request.user, user=editor)
    except ApplicationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, gettext("%(email)s no longer edits this application.") % {"email": editor.email})
    if not application.editors.filter(pk=request.user.pk).exists():
        return redirect("applications:mine")  # the application's page is for its editors
    return redirect("applications:detail", public_id)
