from django.contrib import admin

from accord.chairmanship.models import Programme, ProgrammeItem, ReminderSent


class ProgrammeItemInline(admin.TabularInline):
    model = ProgrammeItem
    extra = 0
    raw_id_fields = ["meeting"]


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["body", "year", "title_ru"]
    list_filter = ["year"]
    inlines = [ProgrammeItemInline]


@admin.register(ReminderSent)
class ReminderSentAdmin(admin.ModelAdmin):
    list_display = ["user", "key", "due_on", "sent_at"]
    search_fields = ["key", "user__username"]
    readonly_fields = ["user", "key", "due_on", "sent_at"]
