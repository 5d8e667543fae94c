// Click-to-load video players for the gallery. Nothing is requested from a video host until
// the visitor presses "Play video": then the player's iframe replaces our thumbnail.
// Without JavaScript the buttons stay hidden and the plain link to the host remains.
(function () {
  "use strict";
  var players = {
    youtube: function (id) {
      return "https://www.youtube-nocookie.com/embed/" + encodeURIComponent(id) + "?autoplay=1";
    },
    vimeo: function (id) {
      return "https://player.vimeo.com/video/" + encodeURIComponent(id) + "?autoplay=1&dnt=1";
    },
  };
  document.querySelectorAll("[data-video-play]").forEach(function (button) {
    var make = players[button.dataset.videoPlayer];
    if (!make || !/^[A-Za-z0-9_-]+$/.test(button.dataset.videoId || "")) return;
    button.classList.remove("d-none");
    button.addEventListener("click", function () {
      var card = button.closest("figure");
      var frame = card && card.querySelector("[data-video-frame]");
      if (!frame) return;
      var iframe = document.createElement("iframe");
      iframe.src = make(button.dataset.videoId);
      iframe.title = button.dataset.videoTitle || "Video";
      iframe.allow = "autoplay; fullscreen; picture-in-picture";
      iframe.allowFullscreen = true;
      iframe.referrerPolicy = "strict-origin-when-cross-origin";
      frame.replaceChildren(iframe);
      button.remove();
    });
  });
})();
