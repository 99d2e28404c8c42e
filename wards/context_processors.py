from wards.models import Ward


def current_ward(request):
    return {"ward": Ward.for_request(request)}
