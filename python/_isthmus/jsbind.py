"""JsProxy.bind_sig() / bind_class(): a JS value typed by a Python signature.

Pyodide's experimental API, with its annotation markers (importable, as in
Pyodide, from `_pyodide.jsbind`):

- a function's parameters annotated `Deep` are converted with to_js, `Json`
  ones are passed as a JSON view of their PyProxy (PyProxy.asJsJson()), others
  as in any call; keyword-only and **kwargs ones go in one trailing object;
- its return annotation converts the result: `Deep` to_py(), `Json`
  as_py_json(), a `BindClass` subclass binds the result to that class,
  `Awaitable[X]` (or an `async def`) gives a Future of the converted value;
- a class binds attributes: an annotated attribute converts as a return
  value does, a method binds the JS method (with its `this`) to its signature;
- `bind_class(C)` is `bind_sig(type[C])`: calling it constructs (`new`) with
  the arguments of C.__init__.

js_proxy.cpp calls bound_attribute() and bound_call() for a proxy that has a
signature; other proxies never come here. Beyond Pyodide: parameters that are
positional-or-keyword are taken (Pyodide raises), and `Optional[X]` /
`X | None` convert as X.
"""
import inspect
import types
import typing
import weakref
from collections.abc import Awaitable

import _isthmus_js

from . import _core

__all__ = ["BindClass", "Deep", "Default", "Json"]


class Default:
    """Annotation: convert as an unannotated value is."""


class Deep:
    """Annotation: convert deeply (to_js() of an argument, to_py() of a result)."""


class Json:
    """Annotation: JSON-like data (an argument's PyProxy.asJsJson(), a result's as_py_json())."""


class BindClass:
    """Base of the classes whose instances' JS values get bound: a result
    annotated with a subclass is bound to it (bind_sig)."""


# ---- what an annotation converts with ---------------------------------------


def _strip(annotation):
    """The annotation that decides the conversion: X of Optional[X] / X | None
    and the marker of Annotated[T, marker]."""
    if isinstance(annotation, (typing._UnionGenericAlias, types.UnionType)):  # noqa: UP038 (both kinds)
        rest = [a for a in annotation.__args__ if a is not type(None)]
        return _strip(rest[0]) if len(rest) == 1 else None
    if isinstance(annotation, typing._AnnotatedAlias):
        return annotation.__metadata__[0]
    return annotation


def _is_js(value):
    return isinstance(value, _core.JsProxy)


def _to_py(value):
    return value.to_py() if _is_js(value) else value


def _as_py_json(value):
    if _is_js(value) and value.typeof == "object" and not callable(value):
        return value.as_py_json()
    return value


def _binder(cls):
    def bind(value):
        return value.bind_sig(cls) if _is_js(value) else value

    return bind


def _awaitable_arg(annotation):
    """X of Awaitable[X] / Future[X] / Coroutine[..., X], or False."""
    origin = typing.get_origin(annotation)
    if origin is None or not isinstance(origin, type) or not issubclass(origin, Awaitable):
        return False
    args = typing.get_args(annotation)
    return args[-1] if args else None


def result_converter(annotation):
    """The function converting a JS result (or attribute) annotated so, or None."""
    annotation = _strip(annotation)
    inner = _awaitable_arg(annotation)
    if inner is not False:
        return _future_converter(result_converter(inner))
    if annotation is Deep:
        return _to_py
    if annotation is Json:
        return _as_py_json
    if isinstance(annotation, type) and issubclass(annotation, BindClass):
        return _binder(annotation)
    return None


def _future_converter(convert):
    def to_future(promise):
        import asyncio

        async def settled():
            value = await promise
            return convert(value) if convert else value

        return asyncio.ensure_future(settled())

    return to_future


def _argument_mode(annotation):
    """How an argument annotated so crosses: 'deep', 'json' or None (as given)."""
    annotation = _strip(annotation)
    return "deep" if annotation is Deep else "json" if annotation is Json else None


# ---- calls -------------------------------------------------------------------

_P = inspect.Parameter


class _CallSpec:
    """A signature made ready for calls: a stub with the same parameters (it
    binds the arguments, with Python's own errors for wrong ones), how each
    parameter crosses, and how the result converts."""

    __slots__ = ("stub", "params", "result", "construct", "trailing")

    def __init__(self, fn, drop_self, result_annotation, construct, name):
        params = list(inspect.signature(fn).parameters.values())[1 if drop_self else 0:]
        hints = _hints(fn)
        self.params = [(p.name, p.kind, _argument_mode(hints.get(p.name))) for p in params]
        self.stub = _stub(params, name)
        if result_annotation is _P.empty:
            result_annotation = hints.get("return")
        self.result = result_converter(result_annotation)
        if inspect.iscoroutinefunction(fn) and _awaitable_arg(_strip(result_annotation)) is False:
            self.result = _future_converter(self.result)
        self.construct = construct
        self.trailing = any(kind == _P.KEYWORD_ONLY for _, kind, _ in self.params)


def _hints(obj):
    try:
        return typing.get_type_hints(obj, include_extras=True)
    except Exception:  # e.g. an unresolvable forward reference: the raw annotations
        return dict(getattr(obj, "__annotations__", None) or {})


def _stub(params, name):
    """A function with these parameters that returns their values in order."""
    text = []
    starred = False
    for i, p in enumerate(params):
        if p.kind == _P.VAR_POSITIONAL:
            text.append("*" + p.name)
            starred = True
            continue
        if p.kind == _P.VAR_KEYWORD:
            text.append("**" + p.name)
            continue
        if p.kind == _P.KEYWORD_ONLY and not starred:
            text.append("*")
            starred = True
        text.append(p.name + ("" if p.default is _P.empty else "=None"))
        if p.kind == _P.POSITIONAL_ONLY and (i + 1 == len(params) or params[i + 1].kind != _P.POSITIONAL_ONLY):
            text.append("/")
    namespace = {}
    exec(f"def stub({', '.join(text)}):\n    return ({''.join(p.name + ', ' for p in params)})", namespace)
    stub = namespace["stub"]
    positional = [p.default for p in params if p.kind in (_P.POSITIONAL_ONLY, _P.POSITIONAL_OR_KEYWORD)]
    first_default = next((i for i, d in enumerate(positional) if d is not _P.empty), len(positional))
    stub.__defaults__ = tuple(positional[first_default:]) or None
    stub.__kwdefaults__ = {
        p.name: p.default for p in params if p.kind == _P.KEYWORD_ONLY and p.default is not _P.empty
    } or None
    stub.__name__ = name.rpartition(".")[2]
    stub.__qualname__ = name  # (what Python's argument errors name)
    return stub


class _Method:
    """The signature a method of a bound class gives the JS method it types."""

    __slots__ = ("fn", "drop_self", "name", "spec")

    def __init__(self, owner, name, attr):
        self.fn = getattr(attr, "__func__", attr)
        self.drop_self = not isinstance(attr, staticmethod)
        self.name = f"{owner.__qualname__}.{name}"
        self.spec = None


# Signatures made ready, per function or class (weakly: they may be made at run time).
_call_specs = weakref.WeakKeyDictionary()
_construct_specs = weakref.WeakKeyDictionary()


def _spec(sig):
    """The _CallSpec for calling a proxy bound to sig."""
    if isinstance(sig, _Method):
        if sig.spec is None:
            sig.spec = _CallSpec(sig.fn, sig.drop_self, _P.empty, False, sig.name)
        return sig.spec
    construct = typing.get_origin(sig) is type
    key = typing.get_args(sig)[0] if construct else sig
    cache = _construct_specs if construct else _call_specs
    try:
        spec = cache.get(key)
    except TypeError:  # not weakly referenceable: not cached
        spec = None
    if spec is not None:
        return spec
    if construct:
        # new C(...) with C.__init__'s arguments; the instance converts as a
        # result annotated C would (bound to C if C is a BindClass).
        spec = _CallSpec(key.__init__, True, key, True, f"{key.__qualname__}.__init__")
    elif isinstance(sig, type):
        call = inspect.getattr_static(sig, "__call__", None)
        if call is None or call is object.__call__ or call is type.__call__:
            raise TypeError(f"a JS value bound to {sig.__qualname__} is not called: the class defines no __call__")
        method = _Method(sig, "__call__", call)
        spec = _CallSpec(method.fn, method.drop_self, _P.empty, False, method.name)
    elif callable(sig):
        spec = _CallSpec(sig, False, _P.empty, False, getattr(sig, "__qualname__", type(sig).__qualname__))
    else:
        raise TypeError(f"a JS function bound to {sig!r} is not called: bind_sig() takes a function or class")
    try:
        cache[key] = spec
    except TypeError:
        pass
    return spec


def bound_call(sig, proxy, /, *args, **kwargs):
    """A call of a proxy bound to a signature (js_proxy.cpp bound_vectorcall)."""
    from pyodide.ffi import to_js

    spec = _spec(sig)
    values = spec.stub(*args, **kwargs)
    positional, kwnames, keyword = [], [], []
    any_keyword = False
    for (name, kind, mode), value in zip(spec.params, values, strict=True):
        if kind == _P.VAR_POSITIONAL:
            positional.extend((mode, v) for v in value)
        elif kind == _P.VAR_KEYWORD:
            any_keyword = any_keyword or bool(value)
            for k, v in value.items():
                if v is not None:  # (as Pyodide: a keyword that is None is left out of the object)
                    kwnames.append(k)
                    keyword.append((mode, v))
        elif kind == _P.KEYWORD_ONLY:
            any_keyword = True
            if value is not None:
                kwnames.append(name)
                keyword.append((mode, value))
        else:
            positional.append((mode, value))
    crossing = positional + keyword
    final = [to_js(v) if mode == "deep" else v for mode, v in crossing]
    modes = "".join("j" if mode == "json" else "d" for mode, _ in crossing)
    # (the proxy crosses as its JS function, whatever its signature)
    result = _isthmus_js.callBound(proxy, _core.this_of(proxy), spec.construct, modes,
                                   to_js(kwnames) if spec.trailing or any_keyword else None, *final)
    return spec.result(result) if spec.result else result


# ---- attributes --------------------------------------------------------------

_attr_cache = weakref.WeakKeyDictionary()


def bound_attribute(sig, name, value):
    """A JS property of a proxy bound to sig (js_proxy.cpp): converted as
    sig annotates the name, bound to sig's method of that name, or as is."""
    if not isinstance(sig, type):
        return value  # a function's signature says nothing of attributes
    try:
        per_class = _attr_cache.setdefault(sig, {})
    except TypeError:
        per_class = {}
    action = per_class.get(name)
    if action is None:
        action = per_class[name] = _attribute_action(sig, name)
    return action(value)


def _as_is(value):
    return value


def _attribute_action(sig, name):
    hints = _hints(sig)
    if name in hints:
        return result_converter(hints[name]) or _as_is
    method = inspect.getattr_static(sig, name, None)
    if method is not None and callable(getattr(method, "__func__", method)):
        return _binder(_Method(sig, name, method))
    fallback = inspect.getattr_static(sig, "__getattr__", None)
    if fallback is not None:
        return result_converter(_hints(fallback).get("return")) or _as_is
    return _as_is
