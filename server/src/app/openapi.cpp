#include "app/openapi.h"

#include <algorithm>

namespace xieli::app {

namespace {

json::object ErrorSchema() {
    return json::object{
        {"type", "object"},
        {"required", json::array{"error"}},
        {"properties",
         json::object{
             {"error",
              json::object{
                  {"type", "object"},
                  {"required", json::array{"code", "message"}},
                  {"properties",
                   json::object{
                       {"code", json::object{{"type", "string"}}},
                       {"message",
                        json::object{{"type", "string"}, {"description", "In the request's Accept-Language"}}},
                       {"details",
                        json::object{
                            {"type", "array"},
                            {"items",
                             json::object{
                                 {"type", "object"},
                                 {"properties",
                                  json::object{
                                      {"field", json::object{{"type", "string"}}},
                                      {"code", json::object{{"type", "string"}}},
                                      {"message", json::object{{"type", "string"}}},
                                  }},
                             }},
                        }},
                   }},
              }},
         }},
    };
}

json::value ErrorResponse(const char* description) {
    return json::object{
        {"description", description},
        {"content",
         json::object{
             {"application/json", json::object{{"schema", json::object{{"$ref", "#/components/schemas/Error"}}}}}}},
    };
}

// "/api/v1/objects/{object}/records/{id}" → the names in braces.
std::vector<std::string> PathParams(const std::string& pattern) {
    std::vector<std::string> out;
    size_t pos = 0;
    while ((pos = pattern.find('{', pos)) != std::string::npos) {
        size_t end = pattern.find('}', pos);
        out.push_back(pattern.substr(pos + 1, end - pos - 1));
        pos = end;
    }
    return out;
}

std::string Lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

constexpr const char* kDocsPage = R"html(<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>协力 API 文档 · Xieli API</title>
<style>
body{font-family:-apple-system,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:0;color:#1f2329;background:#f5f6f7}
header{background:#1677ff;color:#fff;padding:20px 32px}header h1{margin:0;font-size:22px}header p{margin:6px 0 0;opacity:.9}
main{max-width:1080px;margin:24px auto;padding:0 16px}section{background:#fff;border-radius:8px;margin-bottom:16px;padding:8px 20px;box-shadow:0 1px 2px rgba(0,0,0,.06)}
h2{font-size:16px;text-transform:uppercase;color:#646a73}.op{display:flex;gap:12px;align-items:baseline;padding:8px 0;border-top:1px solid #eff0f1}
.m{font:600 12px monospace;padding:2px 8px;border-radius:4px;color:#fff;min-width:56px;text-align:center}
.GET{background:#00b42a}.POST{background:#1677ff}.PATCH{background:#ff7d00}.PUT{background:#722ed1}.DELETE{background:#f53f3f}
code{font-size:14px}.s{color:#646a73}.lock{color:#999;font-size:12px}
</style></head><body>
<header><h1>协力 Xieli API</h1><p>OpenAPI 3.1：<a style="color:#fff" href="/api/v1/openapi.json">/api/v1/openapi.json</a> · 认证：Authorization: Bearer &lt;token&gt; 或会话 Cookie（写操作需 X-Requested-With: xieli）</p></header>
<main id="root">加载中… Loading…</main>
<script>
fetch('/api/v1/openapi.json').then(r=>r.json()).then(doc=>{
  const groups={};
  for(const [path,ops] of Object.entries(doc.paths)) for(const [m,op] of Object.entries(ops)){
    const tag=(op.tags||['other'])[0];(groups[tag]=groups[tag]||[]).push({m:m.toUpperCase(),path,op});}
  const root=document.getElementById('root');root.textContent='';
  for(const [tag,ops] of Object.entries(groups)){
    const s=document.createElement('section');const h=document.createElement('h2');h.textContent=tag;s.appendChild(h);
    for(const o of ops){const d=document.createElement('div');d.className='op';
      const m=document.createElement('span');m.className='m '+o.m;m.textContent=o.m;
      const c=document.createElement('code');c.textContent=o.path;
      const t=document.createElement('span');t.className='s';t.textContent=o.op.summary||'';
      d.append(m,c,t);if(o.op.security&&o.op.security.length===0){const l=document.createElement('span');l.className='lock';l.textContent='public';d.appendChild(l);}
      s.appendChild(d);}
    root.appendChild(s);}
}).catch(e=>{document.getElementById('root').textContent='无法加载 / Cannot load: '+e});
</script></body></html>)html";

}  // namespace

json::object BuildOpenApi(const http::Router& router) {
    json::object paths;
    for (const auto& route : router.routes()) {
        json::object op;
        op["summary"] = route->summary.empty() ? route->method + " " + route->pattern : route->summary;
        op["operationId"] = Lower(route->method) + route->pattern;
        if (!route->tag.empty()) op["tags"] = json::array{json::value(route->tag)};
        json::array params;
        for (const std::string& name : PathParams(route->pattern)) {
            params.push_back(json::object{
                {"name", name}, {"in", "path"}, {"required", true}, {"schema", json::object{{"type", "string"}}}});
        }
        params.push_back(json::object{
            {"name", "Accept-Language"},
            {"in", "header"},
            {"required", false},
            {"schema", json::object{{"type", "string"}, {"default", "zh-CN"}}},
        });
        op["parameters"] = std::move(params);
        if (route->access == http::Access::kPublic) op["security"] = json::array{};
        json::object responses{
            {"default", ErrorResponse("An error in the shape of API.md")},
        };
        responses["2XX"] = json::object{{"description", "Success"}};
        if (route->access == http::Access::kAuthenticated) responses["401"] = ErrorResponse("Not signed in");
        if (route->method == "POST" || route->method == "PATCH" || route->method == "PUT") {
            op["requestBody"] = json::object{
                {"required", true},
                {"content",
                 json::object{{"application/json", json::object{{"schema", json::object{{"type", "object"}}}}}}},
            };
            responses["400"] = ErrorResponse("Malformed JSON");
            responses["415"] = ErrorResponse("Not application/json");
            responses["422"] = ErrorResponse("Validation failed; details name the fields");
        }
        op["responses"] = std::move(responses);
        json::value& item = paths[route->pattern];
        if (!item.is_object()) item = json::object{};
        item.as_object()[Lower(route->method)] = std::move(op);
    }
    return json::object{
        {"openapi", "3.1.0"},
        {"info",
         json::object{
             {"title", "Xieli API"},
             {"version", "1"},
             {"description",
              "协力 CRM 的 HTTP API。The HTTP API of the Xieli CRM: JSON in and out, snake_case, errors as "
              "{\"error\": {\"code\", \"message\", \"details\"}}."},
         }},
        {"servers", json::array{json::object{{"url", "/"}}}},
        {"paths", std::move(paths)},
        {"components",
         json::object{
             {"schemas", json::object{{"Error", ErrorSchema()}}},
             {"securitySchemes",
              json::object{
                  {"bearer", json::object{{"type", "http"}, {"scheme", "bearer"}}},
                  {"cookie", json::object{{"type", "apiKey"}, {"in", "cookie"}, {"name", "xieli_session"}}},
              }},
         }},
        {"security", json::array{json::object{{"bearer", json::array{}}}, json::object{{"cookie", json::array{}}}}},
    };
}

void RegisterOpenApiRoutes(http::Router& router, OpenApiExtension extend) {
    // The document describes the routes registered when it is asked for, including these two; a
    // signed-in caller also gets their enterprise's objects (public, so tools can fetch it bare).
    router.Add(
        {"GET",
         "/api/v1/openapi.json",
         [&router, extend = std::move(extend)](http::Context& c) {
             json::object doc = BuildOpenApi(router);
             if (extend) extend(c, doc);
             return http::Response::Json(200, doc);
         },
         http::Access::kPublic,
         "This OpenAPI 3.1 document",
         "system"}
    );
    router.Add(
        {"GET",
         "/api/docs",
         [](http::Context&) { return http::Response::Text(200, kDocsPage, "text/html; charset=utf-8"); },
         http::Access::kPublic,
         "A readable page of this API",
         "system"}
    );
}

}  // namespace xieli::app
