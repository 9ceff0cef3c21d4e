"""The inbox: each person's notifications, newest first, and marking them read."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from dpg_registry.applications.selectors import inbox_of
from dpg_registry.applications.services import notifications


@login_required
def inbox(request):
    notes = inbox_of(request.user)
    if request.method == "POST":
        notifications.mark_all_read(user=request.user)
        return redirect("inbox")
    return render(request, "applications/inbox.html", {"notes": notes})
