"""Synthetic documents for benchmarks: news and reports of the network, written here.

Sentences are assembled from templates and word lists of our own, with the
names of the reference registry, so that texts look like the real stream
(Russian mostly, some English), repeat names the way news does, and vary
enough for ranking and snippets to have work to do. Nothing is copied from
the shared corpus.
"""

import random

from accord.extraction.pipeline.dates import RU_MONTHS_GENITIVE

RU_SUBJECTS = [
    "Генеральный прокурор {state_gen}",
    "Делегация {state_gen}",
    "Агентство по противодействию коррупции",
    "Представители {org_gen}",
    "Министр юстиции {state_gen}",
    "Секретариат {org_gen}",
    "{person}",
    "Постоянный представитель {state_gen}",
    "Рабочая группа экспертов",
    "Председатель {org_gen}",
]
RU_VERBS = [
    "провел рабочую встречу с",
    "обсудил с",
    "принял участие в заседании вместе с",
    "направил предложения",
    "подписал меморандум о сотрудничестве с",
    "представил доклад",
    "выступил на сессии вместе с",
    "договорился об обмене опытом с",
    "рассмотрел ход выполнения рекомендаций с",
    "провел переговоры с",
]
RU_OBJECTS = [
    "коллегами из {state_gen}",
    "представителями {org_gen}",
    "экспертами {org_gen}",
    "руководством {org_gen}",
    "делегацией {state_gen}",
    "национальными координаторами",
    "международными партнерами",
]
RU_TOPICS = [
    "по вопросам противодействия коррупции",
    "о возврате активов, полученных преступным путем",
    "о взаимной правовой помощи по уголовным делам",
    "о выдаче лиц для уголовного преследования",
    "о борьбе с легализацией преступных доходов",
    "о цифровизации прокурорского надзора",
    "о реализации Конвенции ООН против коррупции",
    "о механизме обзора хода осуществления",
    "о противодействии киберпреступности",
    "о защите лиц, сообщающих о коррупции",
    "о подготовке кадров и обмене стажерами",
    "о мерах по предупреждению коррупции в госзакупках",
]
RU_TAILS = [
    "Встреча прошла в {city}.",
    "Стороны отметили высокий уровень взаимодействия.",
    "Итоги будут представлены на очередном заседании {org_gen}.",
    "Мероприятие состоялось {date}.",
    "Было решено продолжить консультации в режиме видеоконференцсвязи.",
    "Особое внимание уделено выполнению рекомендаций по итогам странового обзора.",
]
EN_SENTENCES = [
    "The delegation of {state} met representatives of {org} in {city} on {date}.",
    "{person} presented the national report on the implementation of the Convention against Corruption.",
    "Participants discussed mutual legal assistance, extradition and the recovery of stolen assets.",
    "The working group reviewed the self-assessment questionnaires and the lists of observations.",
    "{org} welcomed the progress made by {state} in preventing corruption in public procurement.",
    "Experts exchanged good practices on financial investigations and beneficial ownership.",
    "The next session of {org} will consider technical assistance needs identified in country reviews.",
]
CITIES_RU = [
    "Москве",
    "Ташкенте",
    "Астане",
    "Бишкеке",
    "Минске",
    "Душанбе",
    "Вене",
    "Баку",
    "Ереване",
    "Ашхабаде",
]
CITIES_EN = [
    "Vienna",
    "Tashkent",
    "Astana",
    "Bishkek",
    "Minsk",
    "Moscow",
    "Dushanbe",
    "Baku",
    "Yerevan",
    "New York",
]
MONTHS = RU_MONTHS_GENITIVE
GIVEN = ["Алексей", "Бахтиёр", "Нурлан", "Айгуль", "Сергей", "Дильшод", "Марат", "Ольга", "Тимур", "Жанна"]
FAMILY = [
    "Иванов",
    "Каримов",
    "Абдуллаев",
    "Сейтимов",
    "Петров",
    "Рахимов",
    "Назаров",
    "Ахмедов",
    "Смирнов",
    "Юсупов",
]


class Generator:
    def __init__(
        self,
        states_gen: list[str],
        states_en: list[str],
        orgs_gen: list[str],
        orgs_en: list[str],
        seed: int = 7,
    ):
        self.random = random.Random(seed)
        self.states_gen, self.states_en = states_gen, states_en
        self.orgs_gen, self.orgs_en = orgs_gen, orgs_en

    def _fill(self, template: str, language: str) -> str:
        r = self.random
        return template.format(
            state_gen=r.choice(self.states_gen),
            state=r.choice(self.states_en),
            org_gen=r.choice(self.orgs_gen),
            org=r.choice(self.orgs_en),
            person=f"{r.choice(GIVEN)} {r.choice(FAMILY)}",
            city=r.choice(CITIES_RU if language == "ru" else CITIES_EN),
            date=f"{r.randint(1, 28)} {r.choice(MONTHS)} {r.randint(2015, 2026)} года"
            if language == "ru"
            else f"{r.randint(1, 28)} March {r.randint(2015, 2026)}",
        )

    def document(self, size: int = 3000) -> tuple[str, str, str]:
        """(language, title, text) of about `size` characters."""
        r = self.random
        language = "en" if r.random() < 0.2 else "ru"
        parts: list[str] = []
        while sum(len(p) + 1 for p in parts) < size:
            if language == "ru":
                sentence = (
                    " ".join(
                        (r.choice(RU_SUBJECTS), r.choice(RU_VERBS), r.choice(RU_OBJECTS), r.choice(RU_TOPICS))
                    )
                    + ". "
                    + r.choice(RU_TAILS)
                )
            else:
                sentence = r.choice(EN_SENTENCES)
            parts.append(self._fill(sentence, language))
        title = parts[0].split(".")[0][:150]
        return language, title, "\n".join(parts)


def from_registry(seed: int = 7) -> Generator:
    """A generator over the reference registry's names (run after `accord load-reference`)."""
    from accord.core.morphology import inflect_phrase
    from accord.registry.models import Organization, State

    states = list(State.objects.filter(regional_group__code__in=["EEG", "APG"]).order_by("iso3")[:60])
    orgs = list(
        Organization.objects.exclude(name_en="").filter(kind__in=["igo", "body", "national_authority"])
    )
    return Generator(
        states_gen=[inflect_phrase(s.name_ru, "gent") or s.name_ru for s in states],
        states_en=[s.name_en for s in states],
        orgs_gen=[inflect_phrase(o.name_ru, "gent") or o.name_ru for o in orgs],
        orgs_en=[o.name_en for o in orgs],
        seed=seed,
    )
