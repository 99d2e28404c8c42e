/* Lessons on a cheap phone: progress kept and sent when the network allows, the quiz,
   saving lessons and videos for reading offline. No framework; every feature is optional. */
(function () {
  "use strict";

  var QUEUE = "hoc.queue";
  var SAVED = "hoc.saved";
  var RECENT = "hoc.recent";
  var PROGRESS = "hoc.progress"; // {lesson id: {status, best_correct, questions}}, this phone's copy
  var LEARNER = "hoc.learner"; // set once the server knows this phone (it holds the hoc_id cookie)
  var SAVED_CACHE = "hoc-saved";
  var VIDEO_CACHE = "hoc-videos";
  var textBox = document.getElementById("hoc-text");

  function text(name, values) {
    var message = (textBox && textBox.dataset[name]) || "";
    Object.keys(values || {}).forEach(function (key) {
      message = message.replace("{" + key + "}", values[key]);
    });
    return message;
  }

  function read(key) {
    try { return JSON.parse(localStorage.getItem(key)) || []; } catch (error) { return []; }
  }

  function write(key, value) {
    try { localStorage.setItem(key, JSON.stringify(value)); } catch (error) { /* storage full */ }
  }

  function readMap(key) {
    try { return JSON.parse(localStorage.getItem(key)) || {}; } catch (error) { return {}; }
  }

  function keepProgress(entries) {
    var map = readMap(PROGRESS);
    Object.keys(entries || {}).forEach(function (id) { map[id] = entries[id]; });
    write(PROGRESS, map);
    showProgress();
  }

  function remember(key, entry, max) {
    var list = read(key).filter(function (item) { return item.url !== entry.url; });
    list.unshift(entry);
    write(key, list.slice(0, max));
  }

  // Shared lesson pages carry no CSRF token (so they can be cached); ask for one when needed.
  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    if (match) return Promise.resolve(decodeURIComponent(match[1]));
    return fetch("/hoc/ma-bao-ve/", { credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (data) { return data.token; });
  }

  /* --- progress: queued on the phone, sent when possible ------------------------------ */

  var progressUrl = "/hoc/tien-do/";
  var sending = false;

  function queue(event) {
    event.at = new Date().toISOString();
    var list = read(QUEUE);
    list.push(event);
    write(QUEUE, list.slice(-200));
    return flush();
  }

  function showSync(message) {
    var pending = read(QUEUE).length;
    document.querySelectorAll("[data-sync-status]").forEach(function (box) {
      box.textContent = message || (pending ? text("pending", { count: pending }) + " " + text("queued") : "");
      box.hidden = !box.textContent;
    });
    document.querySelectorAll("[data-action=sync]").forEach(function (button) {
      button.hidden = !pending;
    });
  }

  function flush() {
    var events = read(QUEUE);
    if (!events.length || sending) { showSync(); return Promise.resolve(); }
    sending = true;
    var batch = events.slice(0, 100);
    return csrfToken().then(function (token) {
      return fetch(progressUrl, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": token },
        body: JSON.stringify({ events: batch }),
      });
    }).then(function (response) {
      sending = false;
      if (response.ok) {
        try { localStorage.setItem(LEARNER, "1"); } catch (error) { /* storage full */ }
        response.clone().json().then(function (data) { keepProgress(data.progress); }, function () {});
      }
      if (response.ok || response.status === 400) {
        // Accepted, or refused as malformed: either way these events must leave the queue.
        write(QUEUE, read(QUEUE).slice(batch.length));
        var worthSaying = batch.some(function (event) { return event.kind !== "start"; });
        showSync(response.ok && worthSaying && !read(QUEUE).length ? text("sent") : "");
        if (read(QUEUE).length) return flush();
      } else {
        showSync();
      }
    }).catch(function () {
      sending = false;
      showSync();
    });
  }

  window.addEventListener("online", flush);
  document.querySelectorAll("[data-action=sync]").forEach(function (button) {
    button.addEventListener("click", flush);
  });

  /* --- the lesson ------------------------------------------------------------------------ */

  var lesson = document.getElementById("lesson");
  var lessonId = lesson ? Number(lesson.dataset.lessonId) : null;

  // The page is the same for every reader (it comes from the shared cache): what this learner
  // did is shown from the phone's own copy at once, then from the server if it knows the phone.
  function showProgress() {
    if (!lesson) return;
    var entry = readMap(PROGRESS)[lessonId];
    var box = lesson.querySelector("[data-progress-status]");
    if (!entry || !box) return;
    var done = entry.status === "completed";
    box.textContent = (done ? text("done") : text("started")) +
      (entry.questions ? " " + text("best", { correct: entry.best_correct, total: entry.questions }) : "");
    box.classList.toggle("progress-status--done", done);
    box.hidden = false;
    if (done) {
      document.querySelectorAll("form[data-lesson-done]").forEach(function (form) { form.hidden = true; });
    }
  }

  function loadProgress() {
    var known = readMap(PROGRESS)[lessonId];
    showProgress();
    var learner = false;
    try { learner = localStorage.getItem(LEARNER) === "1"; } catch (error) { /* private mode */ }
    if (!learner) {
      if (!known) queue({ lesson: lessonId, kind: "start" });
      return;
    }
    fetch(progressUrl + "?bai=" + lessonId, { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : { lessons: {} }; })
      .then(function (data) {
        keepProgress(data.lessons);
        if (!readMap(PROGRESS)[lessonId]) queue({ lesson: lessonId, kind: "start" });
      })
      .catch(function () { if (!known) queue({ lesson: lessonId, kind: "start" }); });
  }

  if (lesson) {
    progressUrl = lesson.dataset.progressUrl || progressUrl;
    remember(RECENT, { url: lesson.dataset.lessonUrl, title: lesson.dataset.lessonTitle }, 20);
    loadProgress();
    setupSave(lesson);
  }

  document.querySelectorAll("form[data-quiz]").forEach(setupQuiz);
  document.querySelectorAll("form[data-lesson-done]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      queue({ lesson: lessonId, kind: "complete" });
      form.outerHTML = "<p class=\"progress-status progress-status--done\" role=\"status\"></p>";
      document.querySelector("#xong .progress-status").textContent = text("done");
    });
  });

  function setupQuiz(form) {
    var questions = Array.prototype.slice.call(form.querySelectorAll("[data-question]"));
    var result = form.querySelector("[data-quiz-result]");
    form.querySelector("[data-quiz-submit]").hidden = true;

    function reveal(answer) {
      answer.querySelector(".quiz__explanation").hidden = false;
    }

    // A choice can change until "Kiểm tra câu này" is pressed; only then is it graded.
    questions.forEach(function (fieldset) {
      var check = fieldset.querySelector("[data-action=quiz-check]");
      check.hidden = false;
      fieldset.addEventListener("change", function (event) {
        if (event.target.type === "radio" && fieldset.dataset.answered === undefined) {
          check.disabled = false;
        }
      });
      check.addEventListener("click", function () {
        var input = fieldset.querySelector("input[type=radio]:checked");
        if (!input || fieldset.dataset.answered !== undefined) return;
        var right = input.hasAttribute("data-correct");
        var chosen = input.closest(".quiz__answer");
        var correct = fieldset.querySelector("[data-correct]").closest(".quiz__answer");
        fieldset.dataset.answered = input.value;
        fieldset.classList.add(right ? "is-right" : "is-wrong");
        chosen.classList.add(right ? "quiz__answer--right" : "quiz__answer--wrong");
        correct.classList.add("quiz__answer--right");
        reveal(chosen);
        reveal(correct);
        fieldset.querySelectorAll("input").forEach(function (other) { other.disabled = other !== input; });
        check.hidden = true;
        fieldset.querySelector(".quiz__feedback").textContent = right ? text("right") : text("wrong");
        if (questions.every(function (q) { return q.dataset.answered !== undefined; })) finish();
      });
    });

    function finish() {
      var correct = questions.filter(function (q) { return q.classList.contains("is-right"); }).length;
      var answers = questions.map(function (q) { return Number(q.dataset.answered); });
      result.hidden = false;
      result.querySelector(".quiz__score").textContent =
        text("score", { correct: correct, total: questions.length });
      result.focus();
      queue({ lesson: lessonId, kind: "quiz", answers: answers });
    }

    form.querySelector("[data-action=quiz-retry]").addEventListener("click", function () {
      questions.forEach(function (fieldset) {
        delete fieldset.dataset.answered;
        fieldset.classList.remove("is-right", "is-wrong");
        fieldset.querySelector(".quiz__feedback").textContent = "";
        fieldset.querySelectorAll(".quiz__answer").forEach(function (answer) {
          answer.classList.remove("quiz__answer--right", "quiz__answer--wrong");
          answer.querySelector(".quiz__explanation").hidden = true;
          answer.querySelector("input").checked = false;
          answer.querySelector("input").disabled = false;
        });
        var check = fieldset.querySelector("[data-action=quiz-check]");
        check.hidden = false;
        check.disabled = true;
      });
      result.hidden = true;
      questions[0].querySelector("input").focus();
    });
  }

  /* --- where the reader is: "Bước 3 / 11" stays in view while scrolling the steps -------- */

  document.querySelectorAll("[data-steps]").forEach(function (section) {
    var where = section.querySelector("[data-steps-where]");
    if (!where || !("IntersectionObserver" in window)) return;
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (!entry.isIntersecting) return;
        var step = entry.target;
        where.textContent = text("stepOf", { number: step.dataset.step, total: step.dataset.stepsTotal });
        where.hidden = false;
      });
    }, { rootMargin: "0px 0px -60% 0px" });
    section.querySelectorAll("[data-step]").forEach(function (step) { observer.observe(step); });
  });

  /* --- reading offline ------------------------------------------------------------------- */

  function lessonFiles(article) {
    var urls = [article.dataset.lessonUrl];
    article.querySelectorAll("img[src], video[poster]").forEach(function (element) {
      urls.push(element.getAttribute("src") || element.getAttribute("poster"));
    });
    article.querySelectorAll("track[src]").forEach(function (track) { urls.push(track.getAttribute("src")); });
    return urls;
  }

  function askPersistence() {
    if (navigator.storage && navigator.storage.persist) navigator.storage.persist();
  }

  function setupSave(article) {
    var box = document.querySelector("[data-offline-save]");
    if (!box || !("caches" in window)) return;
    var button = box.querySelector("button");
    var status = box.querySelector(".offline-save__status");
    var url = article.dataset.lessonUrl;
    function isSaved() { return read(SAVED).some(function (item) { return item.url === url; }); }
    function render() {
      button.textContent = isSaved() ? text("unsave") : text("save");
      if (isSaved()) status.textContent = text("saved");
    }
    box.hidden = false;
    render();
    button.addEventListener("click", function () {
      if (isSaved()) {
        write(SAVED, read(SAVED).filter(function (item) { return item.url !== url; }));
        caches.open(SAVED_CACHE).then(function (cache) { return cache.delete(url); });
        status.textContent = "";
        render();
        return;
      }
      status.textContent = text("saving");
      askPersistence();
      caches.open(SAVED_CACHE).then(function (cache) {
        return cache.addAll(lessonFiles(article));
      }).then(function () {
        remember(SAVED, { url: url, title: article.dataset.lessonTitle }, 100);
        render();
      }).catch(function () {
        status.textContent = text("saveFailed");
      });
    });
  }

  function formatSize(bytes) {
    return (bytes / 1048576).toLocaleString(document.documentElement.lang || "vi", { maximumFractionDigits: 1 }) + " MB";
  }

  function setupVideo(box) {
    if (!("caches" in window) || !window.ReadableStream) return;
    var url = box.dataset.url;
    var small = navigator.connection && navigator.connection.saveData;
    var bytes = Number(small ? box.dataset.bytesSmall : box.dataset.bytes) || 0;
    var button = box.querySelector("button");
    var status = box.querySelector(".video-offline__status");
    box.hidden = false;
    function label(saved) {
      button.textContent = saved ? text("videoRemove") : text("videoDownload", { size: formatSize(bytes) });
    }
    caches.open(VIDEO_CACHE).then(function (cache) { return cache.match(url); }).then(function (hit) {
      label(Boolean(hit));
      if (hit) status.textContent = text("videoSaved");
    });
    button.addEventListener("click", function () {
      caches.open(VIDEO_CACHE).then(function (cache) {
        return cache.match(url).then(function (hit) {
          if (hit) {
            return cache.delete(url).then(function () { status.textContent = ""; label(false); });
          }
          askPersistence();
          button.disabled = true;
          return download(url, function (loaded) {
            status.textContent = text("videoLoading", { percent: bytes ? Math.min(99, Math.round(100 * loaded / bytes)) : 0 });
          }).then(function (blob) {
            return cache.put(url, new Response(blob, { headers: { "Content-Type": "video/mp4" } }));
          }).then(function () {
            status.textContent = text("videoSaved");
            label(true);
          });
        });
      }).catch(function () {
        status.textContent = text("videoFailed");
      }).then(function () { button.disabled = false; });
    });
  }

  // The whole file, with progress: a service worker cannot keep a streamed video.
  function download(url, onProgress) {
    return fetch(url, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status);
      var reader = response.body.getReader();
      var chunks = [];
      var loaded = 0;
      function pump() {
        return reader.read().then(function (part) {
          if (part.done) return new Blob(chunks, { type: "video/mp4" });
          chunks.push(part.value);
          loaded += part.value.length;
          onProgress(loaded);
          return pump();
        });
      }
      return pump();
    });
  }

  document.querySelectorAll("[data-video-offline]").forEach(setupVideo);

  /* --- the offline page ------------------------------------------------------------------ */

  function listOffline(kind, key) {
    var list = document.querySelector("[data-offline-list=" + kind + "]");
    if (!list) return;
    var entries = read(key);
    var checks = entries.map(function (entry) {
      return ("caches" in window ? caches.match(entry.url, { ignoreVary: true }) : Promise.resolve(null))
        .then(function (hit) { return hit ? entry : null; });
    });
    Promise.all(checks).then(function (found) {
      found.filter(Boolean).forEach(function (entry) {
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.className = "card";
        link.href = entry.url;
        var title = document.createElement("span");
        title.className = "card__title";
        title.textContent = entry.title;
        link.appendChild(title);
        item.appendChild(link);
        list.appendChild(item);
      });
      document.querySelector("[data-offline-empty=" + kind + "]").hidden = list.children.length > 0;
    });
  }

  listOffline("saved", SAVED);
  listOffline("recent", RECENT);

  document.querySelectorAll("[data-action=print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });

  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(function () { /* no offline */ });
  }
  flush();
})();
