from learning.models.pages import LessonLibraryPage, LessonPage, TopicIndexPage
from learning.models.progress import Learner, LessonProgress, SelfReport
from learning.models.videos import Video

__all__ = [
    "Learner",
    "LessonLibraryPage",
    "LessonPage",
    "LessonProgress",
    "SelfReport",
    "TopicIndexPage",
    "Video",
]
