from django.shortcuts import render

from dpg_registry.registry.selectors import listed_dpgs, status_counts


def home(request):
    return render(request, "registry/home.html", {"dpgs": listed_dpgs(), "counts": status_counts()})
