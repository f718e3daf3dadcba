// A host page whose fetch and sendBeacon throw synchronously while `window.hostileSend.throwing`
// is true (a wrapper that blocks requests while the page is being left, say).
(function () {
  var fetch = window.fetch;
  var sendBeacon = navigator.sendBeacon;
  window.hostileSend = { throwing: false, fetches: 0, beacons: 0 };
  window.fetch = function (input, init) {
    if (window.hostileSend.throwing) {
      window.hostileSend.fetches++;
      throw new TypeError('fetch is blocked by the page');
    }
    return fetch.call(window, input, init);
  };
  navigator.sendBeacon = function (url, data) {
    if (window.hostileSend.throwing) {
      window.hostileSend.beacons++;
      throw new TypeError('sendBeacon is blocked by the page');
    }
    return sendBeacon.call(navigator, url, data);
  };
})();
