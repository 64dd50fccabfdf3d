// The API reference page: the vendored Swagger UI renders the schema named by the page (no
// inline script: the site's Content-Security-Policy forbids it).
(function () {
  "use strict";
  function start() {
    var element = document.getElementById("api-reference");
    if (!element || typeof window.SwaggerUIBundle === "undefined") { return; }
    window.SwaggerUIBundle({
      url: element.dataset.specUrl,
      domNode: element,
      deepLinking: true,
      docExpansion: "list",
      defaultModelsExpandDepth: 0,
      // Read only: a page of ejcms does not send requests on the reader's behalf.
      supportedSubmitMethods: [],
      validatorUrl: null
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
