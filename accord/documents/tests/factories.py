import factory

from accord.core.choices import Confidentiality
from accord.documents.models import Document


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    language = "ru"
    title = factory.Sequence(lambda n: f"Документ {n}")
    kind = "report"
    # A published document: the model's default is restricted, and the tests that need
    # another level say so.
    confidentiality = Confidentiality.PUBLIC
