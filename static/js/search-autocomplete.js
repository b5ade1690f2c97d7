/*
 * Search suggestions as the reader types: progressive enhancement of the search form.
 *
 * Markup contract: <form data-autocomplete-url="/search/autocomplete/"> holding an
 * <input type="search">. Without JavaScript the form submits as usual. With it, the input
 * becomes an ARIA 1.2 combobox controlling a listbox of titles fetched from the JSON endpoint
 * ({"results": [{"title", "url", "kind"}]}). Arrow keys move through the suggestions, Enter opens
 * the highlighted one (or submits the search if none is highlighted), Escape closes the list.
 * A polite live region says how many suggestions there are.
 */
(function () {
  "use strict";

  var MIN_LENGTH = 2;
  var DELAY = 200;
  var counter = 0;

  function enhance(form) {
    var input = form.querySelector('input[type="search"]');
    var url = form.getAttribute("data-autocomplete-url");
    if (!input || !url || !window.fetch) {
      return;
    }
    counter += 1;
    var listId = "search-suggestions-" + counter;
    var wrapper = document.createElement("div");
    wrapper.className = "search-autocomplete";
    input.parentNode.insertBefore(wrapper, input);
    wrapper.appendChild(input);

    var list = document.createElement("ul");
    list.id = listId;
    list.className = "search-autocomplete__list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Suggestions");
    list.hidden = true;
    wrapper.appendChild(list);

    var status = document.createElement("div");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    wrapper.appendChild(status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);
    input.setAttribute("autocomplete", "off");

    var options = [];
    var active = -1;
    var timer = null;
    var controller = null;
    var lastQuery = "";

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function setActive(index) {
      options.forEach(function (option, i) {
        option.setAttribute("aria-selected", i === index ? "true" : "false");
      });
      active = index;
      if (index >= 0) {
        input.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function render(results) {
      list.textContent = "";
      options = results.map(function (result, i) {
        var option = document.createElement("li");
        option.id = listId + "-" + i;
        option.className = "search-autocomplete__option";
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.setAttribute("data-url", result.url);
        var title = document.createElement("span");
        title.textContent = result.title;
        var kind = document.createElement("span");
        kind.className = "search-autocomplete__kind";
        kind.textContent = result.kind;
        option.appendChild(title);
        option.appendChild(document.createTextNode(" "));
        option.appendChild(kind);
        option.addEventListener("mousedown", function (event) {
          event.preventDefault(); // keep focus in the input until we navigate
          window.location.assign(result.url);
        });
        list.appendChild(option);
        return option;
      });
      active = -1;
      if (options.length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
        status.textContent =
          options.length + (options.length === 1 ? " suggestion" : " suggestions") +
          " available. Use the up and down arrows to choose.";
      } else {
        close();
        status.textContent = "";
      }
    }

    function fetchSuggestions() {
      var query = input.value.trim();
      if (query === lastQuery) {
        return;
      }
      lastQuery = query;
      if (query.length < MIN_LENGTH) {
        render([]);
        return;
      }
      if (controller) {
        controller.abort();
      }
      controller = window.AbortController ? new AbortController() : null;
      var requestUrl = url + "?q=" + encodeURIComponent(query);
      window
        .fetch(requestUrl, {
          headers: { Accept: "application/json" },
          signal: controller ? controller.signal : undefined,
        })
        .then(function (response) {
          return response.ok ? response.json() : { results: [] };
        })
        .then(function (data) {
          if (input.value.trim() === query) {
            render(data.results || []);
          }
        })
        .catch(function () {
          /* A failed or aborted request leaves the plain search form working. */
        });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(fetchSuggestions, DELAY);
    });

    input.addEventListener("keydown", function (event) {
      var open = !list.hidden && options.length > 0;
      if (event.key === "ArrowDown") {
        if (!open) {
          lastQuery = "";
          fetchSuggestions();
          return;
        }
        event.preventDefault();
        setActive(active + 1 >= options.length ? 0 : active + 1);
      } else if (event.key === "ArrowUp" && open) {
        event.preventDefault();
        setActive(active - 1 < 0 ? options.length - 1 : active - 1);
      } else if (event.key === "Enter" && open && active >= 0) {
        event.preventDefault();
        window.location.assign(options[active].getAttribute("data-url"));
      } else if (event.key === "Escape" && open) {
        event.preventDefault();
        close();
      }
    });

    input.addEventListener("blur", close);
  }

  document.querySelectorAll("form[data-autocomplete-url]").forEach(enhance);
})();
