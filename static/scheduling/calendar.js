// Content calendar: drag a tile onto another day to move the post (keeps its local time of day).
// Only an enhancement: without JavaScript, the list view and the post screen have a "Move" form.
(() => {
  const cal = document.querySelector("[data-sched-calendar]");
  if (!cal || cal.dataset.canPlan !== "1") return;
  const csrf = cal.querySelector("input[name=csrfmiddlewaretoken]");
  let dragged = null;
  cal.addEventListener("dragstart", (event) => {
    dragged = event.target.closest("[data-move-url]");
    if (dragged) {
      event.dataTransfer.setData("text/plain", dragged.dataset.moveUrl);
      event.dataTransfer.effectAllowed = "move";
    }
  });
  cal.addEventListener("dragover", (event) => {
    if (dragged && event.target.closest("[data-date]")) event.preventDefault();
  });
  cal.addEventListener("drop", (event) => {
    const cell = event.target.closest("[data-date]");
    if (!cell || !dragged) return;
    event.preventDefault();
    const form = document.createElement("form");
    form.method = "post";
    form.action = dragged.dataset.moveUrl;
    const fields = {
      csrfmiddlewaretoken: csrf ? csrf.value : "",
      date: cell.dataset.date,
      next: window.location.pathname + window.location.search,
    };
    for (const [name, value] of Object.entries(fields)) {
      const input = document.createElement("input");
      input.type = "hidden";
      input.name = name;
      input.value = value;
      form.append(input);
    }
    document.body.append(form);
    form.submit();
  });
})();
