import factory

from accord.documents.models import Document


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    language = "ru"
    title = factory.Sequence(lambda n: f"Документ {n}")
    kind = "report"
