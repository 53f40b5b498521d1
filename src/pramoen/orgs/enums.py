from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganizationKind(models.TextChoices):
    OBEC = "obec", _("สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน")
    ESA = "esa", _("สำนักงานเขตพื้นที่การศึกษา")
    SCHOOL = "school", _("สถานศึกษา")


class EsaLevel(models.TextChoices):
    PRIMARY = "primary", _("สำนักงานเขตพื้นที่การศึกษาประถมศึกษา (สพป.)")
    SECONDARY = "secondary", _("สำนักงานเขตพื้นที่การศึกษามัธยมศึกษา (สพม.)")
