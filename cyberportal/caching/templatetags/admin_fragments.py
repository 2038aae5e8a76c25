"""`{% admin_fragment "name" %}...{% end_admin_fragment %}`: keep the enclosed admin HTML per user, language,
full path and data version (see caching.admin_fragments)."""

from django import template

from cyberportal.caching.admin_fragments import cached_fragment

register = template.Library()


class AdminFragmentNode(template.Node):
    def __init__(self, name, nodelist):
        self.name = name
        self.nodelist = nodelist

    def render(self, context):
        request = context.get("request")
        if request is None:
            return self.nodelist.render(context)
        name = self.name.resolve(context)
        return cached_fragment(request, name, lambda: self.nodelist.render(context), request.get_full_path())


@register.tag("admin_fragment")
def admin_fragment(parser, token):
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("{% admin_fragment %} takes one argument: the fragment's name.")
    nodelist = parser.parse(("end_admin_fragment",))
    parser.delete_first_token()
    return AdminFragmentNode(parser.compile_filter(bits[1]), nodelist)
