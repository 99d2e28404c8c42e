"""The staff inbox: residents' replies kept (`receiving`), read and answered (`answering`)."""
