from django.shortcuts import render


def index(request):
    return render(request, "collaborations/index.html")


def detail(request, pk, slug):
    from django.http import HttpResponse

    return HttpResponse("todo")
