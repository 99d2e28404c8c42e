"""Signals the campaigns app sends, for apps that act on what residents answer.

campaigns never imports the apps that listen; they connect in their own AppConfig.ready().
"""

from django.dispatch import Signal

# A resident answered a message with the help keyword ("GIUP"). Sent once per reply, by the task
# that acts on the stored reply and inside its transaction (what a listener writes commits with
# the reply's claim), with keyword arguments ward_id, phone (E.164), resident_id (or None) and
# text (the reply, NFC).
help_requested = Signal()

# Enrolments of a journey ended FINISHED: every step went out and the goal was not reached.
# Sent inside the tick's transaction, in a savepoint of its own (campaigns.journeys), with
# keyword arguments journey (the Journey) and residents ({enrolment id: resident id}).
journey_finished = Signal()
