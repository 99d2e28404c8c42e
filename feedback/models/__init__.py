from feedback.models.petitions import Category, Petition
from feedback.models.ratings import Rating, RatingRequest
from feedback.models.settings import FeedbackSettings

__all__ = ["Category", "FeedbackSettings", "Petition", "Rating", "RatingRequest"]
