"""Django's ORM seen from a coroutine: `Model.objects` is the model's default manager, a lazy query set whose
terminal methods (`get`, `count`, `first`...) and iteration run SQL on the calling thread; its `a`-prefixed twins
(`aget`, `acount`) and `async for` are the async way. A model instance's `save()`, `delete()` and
`refresh_from_db()` are queries too (`asave()`...).

Which names are models: a class of a `django...models` module (`django.contrib.auth.models.User`), a class
imported from a module named `models` by a module that imports Django (the app convention,
`from shop.models import Order`), a class of the module whose bases are one of those (`class Order(models.Model)`),
and the classes Django hands out (`User = get_user_model()`, `apps.get_model("shop", "Order")`: knowledge.CLASS_RETURNS).
"""
from __future__ import annotations

from asynccheck.lint import knowledge

MANAGER = "objects"
_DEPTH = 4  # model classes of this module built on others of it


def is_model(scope, name: str, depth: int = 0) -> bool:
    """Is the class ``name`` (a qualified name) a Django model, as far as the module ``scope`` is in can tell?"""
    module_name, _, leaf = name.rpartition(".")
    if not leaf[:1].isupper() or depth > _DEPTH:
        return False
    if name.startswith("django.") and ".models." in name:
        return True
    owner = scope.module.classes.get(name)
    if owner is not None:  # a class of this module: a model when a base is one
        return any(is_model(scope, base, depth + 1) for base in owner.base_refs() if base != name)
    return (module_name == "models" or module_name.endswith(".models")) and imports_django(scope.module)


def imports_django(module) -> bool:
    """Does the module import anything from Django?"""
    return module.imports(("django",))


def manager_value(scope, name: str, attr: str):
    """`Order.objects`: a query set over the model's table, when ``name`` is a model; else None."""
    if attr == MANAGER and is_model(scope, name):
        return ("inst", knowledge.DJANGO_QUERYSET)
    return None


_INSTANCE_METHODS = frozenset((*knowledge.DJANGO_MODEL_QUERIES, *(f"a{m}" for m in knowledge.DJANGO_MODEL_QUERIES)))


def instance_member(scope, name: str, attr: str):
    """`order.save` on an instance of the model class ``name`` (one of another module, which nothing here
    says more about): Django's model method; else None."""
    if attr in _INSTANCE_METHODS and is_model(scope, name):
        return ("ref", f"{knowledge.DJANGO_MODEL}.{attr}")
    return None
